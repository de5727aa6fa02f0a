package notify

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

type scriptedSender struct {
	mu       sync.Mutex
	failures int
	calls    int
	sent     []Notification
}

func (s *scriptedSender) Send(_ context.Context, n Notification) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.calls <= s.failures {
		return errors.New("gateway unavailable")
	}
	s.sent = append(s.sent, n)
	return nil
}

func newTestDispatcher(sender Sender, opts Options) (*Dispatcher, *Metrics) {
	m := NewMetrics(prometheus.NewRegistry())
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return NewDispatcher(sender, m, log, opts), m
}

func TestDispatcherRetriesUntilDelivered(t *testing.T) {
	sender := &scriptedSender{failures: 2}
	d, m := newTestDispatcher(sender, Options{QueueSize: 4, Workers: 1, MaxAttempts: 3, Backoff: time.Millisecond})
	d.Start(context.Background())

	if err := d.Enqueue(Notification{ID: "a", Channel: "sms"}); err != nil {
		t.Fatalf("Enqueue() error = %v", err)
	}
	d.Stop()

	if sender.calls != 3 || len(sender.sent) != 1 {
		t.Fatalf("calls = %d, sent = %d; want 3 calls and 1 delivery", sender.calls, len(sender.sent))
	}
	if got := testutil.ToFloat64(m.delivered.WithLabelValues("sms")); got != 1 {
		t.Errorf("delivered counter = %v, want 1", got)
	}
}

func TestDispatcherGivesUpAfterMaxAttempts(t *testing.T) {
	sender := &scriptedSender{failures: 10}
	d, m := newTestDispatcher(sender, Options{QueueSize: 4, Workers: 1, MaxAttempts: 2, Backoff: time.Millisecond})
	d.Start(context.Background())

	_ = d.Enqueue(Notification{ID: "b", Channel: "email"})
	d.Stop()

	if sender.calls != 2 {
		t.Errorf("calls = %d, want 2", sender.calls)
	}
	if got := testutil.ToFloat64(m.failed.WithLabelValues("email")); got != 1 {
		t.Errorf("failed counter = %v, want 1", got)
	}
}

func TestEnqueueRejectsWhenFullOrStopped(t *testing.T) {
	d, _ := newTestDispatcher(&scriptedSender{}, Options{QueueSize: 1, Workers: 1, MaxAttempts: 1})

	if err := d.Enqueue(Notification{ID: "1"}); err != nil {
		t.Fatalf("first Enqueue() error = %v", err)
	}
	if err := d.Enqueue(Notification{ID: "2"}); !errors.Is(err, ErrQueueFull) {
		t.Errorf("second Enqueue() error = %v, want ErrQueueFull", err)
	}

	d.Start(context.Background())
	d.Stop()

	if d.Ready() {
		t.Error("Ready() = true after Stop")
	}
	if err := d.Enqueue(Notification{ID: "3"}); !errors.Is(err, ErrStopped) {
		t.Errorf("Enqueue() after Stop error = %v, want ErrStopped", err)
	}
}
