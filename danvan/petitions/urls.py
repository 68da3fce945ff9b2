from django.urls import path

from danvan.people import views as people_views
from danvan.petitions import views

app_name = "petitions"
urlpatterns = [
    path("", views.petition_list, name="list"),
    path("receive/", views.petition_receive, name="receive"),
    path("p/<str:code>/", views.petition_detail, name="detail"),
    path("p/<str:code>/classify/", views.petition_classify, name="classify"),
    path("p/<str:code>/decide/", views.petition_decide, name="decide"),
    path("p/<str:code>/link/", views.petition_link, name="link"),
    path("p/<str:code>/duplicates/", views.petition_find_duplicates, name="find_duplicates"),
    path("p/<str:code>/supplement/", views.petition_supplement_record, name="supplement"),
    path("p/<str:code>/attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("p/<str:code>/identity/", people_views.identity_reveal, name="identity"),
]
