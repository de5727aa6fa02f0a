from django.conf import settings
from django.db import models


class Sale(models.Model):
    region = models.CharField(max_length=32)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    sold_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["sold_at", "region"], name="sale_sold_at_region_idx")]

    def __str__(self):
        return f"{self.region} {self.amount} @ {self.sold_at:%Y-%m-%d}"


class Report(models.Model):
    class Period(models.TextChoices):
        WEEK = "week", "Last 7 days"
        MONTH = "month", "Last 30 days"

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    period = models.CharField(max_length=8, choices=Period.choices, default=Period.WEEK)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.title


class ReportRun(models.Model):
    class Status(models.TextChoices):
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=16, choices=Status.choices)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    row_count = models.PositiveIntegerField(default=0)
    output_path = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["report", "-started_at"], name="run_report_started_idx")]
