from django.urls import path

from danvan.matters import views

app_name = "matters"
urlpatterns = [
    path("", views.matter_list, name="list"),
    path("<str:code>/", views.matter_detail, name="detail"),
    path("<str:code>/<str:name>/", views.matter_step, name="step"),
]
