from django.db import models


class Currency(models.TextChoices):
    JPY = "JPY", "Japanese yen (JPY)"
    USD = "USD", "US dollar (USD)"
