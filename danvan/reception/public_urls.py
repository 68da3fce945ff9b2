from django.urls import path

from danvan.reception import views

app_name = "reception_public"
urlpatterns = [
    path("", views.schedule_public, name="schedule"),
]
