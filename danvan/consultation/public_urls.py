from django.urls import path

from danvan.consultation import public_views as views

app_name = "gopy"
urlpatterns = [
    path("", views.draft_list, name="list"),
    path("bien-nhan/", views.receipt_lookup, name="lookup"),
    path("bien-nhan/<str:code>/", views.receipt, name="receipt"),
    path("api/drafts/<int:draft_id>/comments", views.comment_api, name="api_comment"),
    path("<slug:slug>/", views.draft_read, name="read"),
    path("<slug:slug>/gui/", views.comment_post, name="post"),
    path("<slug:slug>/bao-cao.docx", views.report_docx, name="report_docx"),
    path("<slug:slug>/bao-cao.xlsx", views.report_xlsx, name="report_xlsx"),
]
