package telemetry

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"go.opentelemetry.io/otel"
)

func TestNewLoggerWritesJSONAtLevel(t *testing.T) {
	var buf bytes.Buffer
	log := NewLogger(&buf, "warn")

	log.Info("hidden")
	log.Warn("shown", "queue", "email")

	var entry map[string]any
	if err := json.Unmarshal(buf.Bytes(), &entry); err != nil {
		t.Fatalf("output is not a single JSON line: %q", buf.String())
	}
	if entry["msg"] != "shown" || entry["queue"] != "email" {
		t.Errorf("entry = %v", entry)
	}
}

func TestNewLoggerFallsBackToInfo(t *testing.T) {
	var buf bytes.Buffer
	NewLogger(&buf, "chatty").Debug("hidden")
	if buf.Len() != 0 {
		t.Errorf("debug line written at fallback level: %q", buf.String())
	}
}

func TestSetupTracingWithoutEndpoint(t *testing.T) {
	shutdown, err := SetupTracing(context.Background(), "", "notifier-test")
	if err != nil {
		t.Fatalf("SetupTracing() error = %v", err)
	}
	defer func() { _ = shutdown(context.Background()) }()

	_, span := otel.Tracer("test").Start(context.Background(), "op")
	defer span.End()
	if !span.SpanContext().IsValid() {
		t.Error("span has no valid trace id")
	}
}
