from django.urls import path

from danvan.insights import views

app_name = "statistics"
urlpatterns = [
    path("", views.public_statistics, name="public"),
]
