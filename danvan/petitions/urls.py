
app_name = "petitions"
urlpatterns: list = []
