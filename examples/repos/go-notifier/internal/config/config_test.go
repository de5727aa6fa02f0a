package config

import (
	"strings"
	"testing"
	"time"
)

func setRequired(t *testing.T) {
	t.Helper()
	t.Setenv("NOTIFIER_WEBHOOK_URL", "https://hooks.example.test/notify")
	t.Setenv("NOTIFIER_WEBHOOK_SECRET", strings.Repeat("k", 40))
}

func TestLoadDefaults(t *testing.T) {
	setRequired(t)

	c, err := Load()
	if err != nil {
		t.Fatalf("Load() error = %v", err)
	}
	if c.Addr != ":8080" || c.LogLevel != "info" || c.ServiceName != "go-notifier" {
		t.Errorf("unexpected defaults: %+v", c)
	}
	if c.DeliveryTimeout != 5*time.Second || c.MaxAttempts != 3 || c.Workers != 4 || c.QueueSize != 1000 {
		t.Errorf("unexpected numeric defaults: %+v", c)
	}
}

func TestLoadOverrides(t *testing.T) {
	setRequired(t)
	t.Setenv("NOTIFIER_DELIVERY_TIMEOUT", "750ms")
	t.Setenv("NOTIFIER_MAX_ATTEMPTS", "5")

	c, err := Load()
	if err != nil {
		t.Fatalf("Load() error = %v", err)
	}
	if c.DeliveryTimeout != 750*time.Millisecond || c.MaxAttempts != 5 {
		t.Errorf("overrides not applied: %+v", c)
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	t.Setenv("NOTIFIER_WEBHOOK_URL", "not a url")
	t.Setenv("NOTIFIER_WEBHOOK_SECRET", "short")
	t.Setenv("NOTIFIER_WORKERS", "0")

	_, err := Load()
	if err == nil {
		t.Fatal("Load() succeeded with invalid settings")
	}
	for _, want := range []string{"NOTIFIER_WEBHOOK_URL", "NOTIFIER_WEBHOOK_SECRET", "NOTIFIER_WORKERS"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}
