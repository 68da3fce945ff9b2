from django.urls import path

from danvan.rules import views

app_name = "rules"
urlpatterns = [
    path("", views.rules_list, name="list"),
]
