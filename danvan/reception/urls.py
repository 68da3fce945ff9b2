from django.urls import path

from danvan.reception import views

app_name = "reception"
urlpatterns = [
    path("", views.book, name="book"),
    path("visit/new/", views.visit_new, name="visit_new"),
    path("visit/<int:pk>/", views.visit_detail, name="visit"),
    path("sessions/", views.sessions, name="sessions"),
    path("sessions/<int:pk>/held/", views.session_held, name="session_held"),
    path("compliance/", views.compliance, name="compliance"),
    path("refusals/", views.refusals, name="refusals"),
]
