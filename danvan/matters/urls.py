from django.urls import path

from danvan.matters import views

app_name = "matters"
urlpatterns = [
    path("", views.matter_list, name="list"),
    path("<str:code>/", views.matter_detail, name="detail"),
    path("<str:code>/<str:name>/", views.matter_step, name="step"),
    path("<str:code>/van-ban/<int:pk>/tai-ve/", views.matter_document_download, name="document_download"),
    path("<str:code>/van-ban/<str:step>/", views.matter_document, name="document"),
]
