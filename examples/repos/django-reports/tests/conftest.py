from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from reports.models import Report, Sale


@pytest.fixture
def analyst(db):
    return get_user_model().objects.create_user(username="analyst")


@pytest.fixture
def weekly_report(analyst):
    return Report.objects.create(slug="weekly-sales", title="Weekly sales", created_by=analyst)


@pytest.fixture
def sales(db):
    now = timezone.now()
    rows = [
        ("north", "120.00", 1),
        ("north", "80.50", 2),
        ("south", "300.00", 3),
        ("south", "999.99", 40),  # outside a 7 or 30 day window
    ]
    return Sale.objects.bulk_create(
        Sale(region=region, amount=Decimal(amount), sold_at=now - timedelta(days=days_ago))
        for region, amount, days_ago in rows
    )
