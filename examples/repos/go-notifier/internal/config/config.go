// Package config reads the service settings from environment variables.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"time"
)

// Config holds every setting the service reads. .env.example documents each variable.
type Config struct {
	Addr            string
	LogLevel        string
	WebhookURL      string
	WebhookSecret   string
	DeliveryTimeout time.Duration
	MaxAttempts     int
	Workers         int
	QueueSize       int
	OTLPEndpoint    string
	ServiceName     string
}

// Load reads and validates the configuration, reporting every problem at once.
func Load() (Config, error) {
	c := Config{
		Addr:          envOr("NOTIFIER_ADDR", ":8080"),
		LogLevel:      envOr("LOG_LEVEL", "info"),
		WebhookURL:    os.Getenv("NOTIFIER_WEBHOOK_URL"),
		WebhookSecret: os.Getenv("NOTIFIER_WEBHOOK_SECRET"),
		OTLPEndpoint:  os.Getenv("OTEL_EXPORTER_OTLP_ENDPOINT"),
		ServiceName:   envOr("OTEL_SERVICE_NAME", "go-notifier"),
	}

	var errs []error
	if u, err := url.Parse(c.WebhookURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		errs = append(errs, errors.New("NOTIFIER_WEBHOOK_URL must be an http(s) URL"))
	}
	if len(c.WebhookSecret) < 32 {
		errs = append(errs, errors.New("NOTIFIER_WEBHOOK_SECRET must be at least 32 characters"))
	}

	var err error
	if c.DeliveryTimeout, err = durationEnv("NOTIFIER_DELIVERY_TIMEOUT", 5*time.Second); err != nil {
		errs = append(errs, err)
	}
	if c.MaxAttempts, err = intEnv("NOTIFIER_MAX_ATTEMPTS", 3, 1, 10); err != nil {
		errs = append(errs, err)
	}
	if c.Workers, err = intEnv("NOTIFIER_WORKERS", 4, 1, 64); err != nil {
		errs = append(errs, err)
	}
	if c.QueueSize, err = intEnv("NOTIFIER_QUEUE_SIZE", 1000, 1, 100_000); err != nil {
		errs = append(errs, err)
	}
	return c, errors.Join(errs...)
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

func durationEnv(key string, fallback time.Duration) (time.Duration, error) {
	raw := os.Getenv(key)
	if raw == "" {
		return fallback, nil
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s must be a positive duration such as 5s", key)
	}
	return d, nil
}

func intEnv(key string, fallback, lo, hi int) (int, error) {
	raw := os.Getenv(key)
	if raw == "" {
		return fallback, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s must be an integer between %d and %d", key, lo, hi)
	}
	return n, nil
}
