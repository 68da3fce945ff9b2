from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "danvan.people"
    label = "people"
