from django.urls import path

from danvan.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("records/", views.records, name="records"),
    path("<slug:slug>/", views.report, name="report"),
    path("<slug:slug>/cell/", views.cell, name="cell"),
]
