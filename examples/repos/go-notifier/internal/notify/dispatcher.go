// Package notify queues notifications and delivers them with retries.
package notify

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// Notification is one message for one recipient.
type Notification struct {
	ID        string `json:"id"`
	Channel   string `json:"channel"`
	Recipient string `json:"recipient"`
	Subject   string `json:"subject,omitempty"`
	Body      string `json:"body"`
}

// Sender delivers a notification once; the dispatcher owns retries.
type Sender interface {
	Send(ctx context.Context, n Notification) error
}

var (
	ErrQueueFull = errors.New("notify: queue full")
	ErrStopped   = errors.New("notify: dispatcher stopped")
)

// Metrics are the dispatcher's Prometheus series.
type Metrics struct {
	delivered  *prometheus.CounterVec
	failed     *prometheus.CounterVec
	queueDepth prometheus.Gauge
}

func NewMetrics(reg prometheus.Registerer) *Metrics {
	f := promauto.With(reg)
	return &Metrics{
		delivered: f.NewCounterVec(prometheus.CounterOpts{
			Name: "notifier_delivered_total",
			Help: "Notifications delivered, by channel.",
		}, []string{"channel"}),
		failed: f.NewCounterVec(prometheus.CounterOpts{
			Name: "notifier_failed_total",
			Help: "Notifications dropped after the last attempt, by channel.",
		}, []string{"channel"}),
		queueDepth: f.NewGauge(prometheus.GaugeOpts{
			Name: "notifier_queue_depth",
			Help: "Notifications waiting for a worker.",
		}),
	}
}

type Options struct {
	QueueSize   int
	Workers     int
	MaxAttempts int
	Backoff     time.Duration
}

type Dispatcher struct {
	sender  Sender
	metrics *Metrics
	log     *slog.Logger
	opts    Options
	tracer  trace.Tracer
	queue   chan Notification
	wg      sync.WaitGroup

	mu      sync.RWMutex
	stopped bool
}

func NewDispatcher(sender Sender, metrics *Metrics, log *slog.Logger, opts Options) *Dispatcher {
	return &Dispatcher{
		sender:  sender,
		metrics: metrics,
		log:     log,
		opts:    opts,
		tracer:  otel.Tracer("github.com/fernhill/go-notifier/internal/notify"),
		queue:   make(chan Notification, opts.QueueSize),
	}
}

// Enqueue accepts a notification without blocking.
func (d *Dispatcher) Enqueue(n Notification) error {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.stopped {
		return ErrStopped
	}
	select {
	case d.queue <- n:
		d.metrics.queueDepth.Inc()
		return nil
	default:
		return ErrQueueFull
	}
}

// Ready reports whether the dispatcher still accepts work.
func (d *Dispatcher) Ready() bool {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return !d.stopped
}

// Start launches the workers. ctx bounds each delivery, not the workers' lifetime.
func (d *Dispatcher) Start(ctx context.Context) {
	for i := 0; i < d.opts.Workers; i++ {
		d.wg.Add(1)
		go d.work(ctx)
	}
}

// Stop refuses new work, lets the workers drain the queue, and waits for them.
func (d *Dispatcher) Stop() {
	d.mu.Lock()
	if !d.stopped {
		d.stopped = true
		close(d.queue)
	}
	d.mu.Unlock()
	d.wg.Wait()
}

func (d *Dispatcher) work(ctx context.Context) {
	defer d.wg.Done()
	for n := range d.queue {
		d.metrics.queueDepth.Dec()
		d.deliver(ctx, n)
	}
}

func (d *Dispatcher) deliver(ctx context.Context, n Notification) {
	ctx, span := d.tracer.Start(ctx, "notify.deliver", trace.WithAttributes(
		attribute.String("notification.id", n.ID),
		attribute.String("notification.channel", n.Channel),
	))
	defer span.End()

	var err error
retry:
	for attempt := 1; attempt <= d.opts.MaxAttempts; attempt++ {
		if err = d.sender.Send(ctx, n); err == nil {
			d.metrics.delivered.WithLabelValues(n.Channel).Inc()
			span.SetAttributes(attribute.Int("notification.attempts", attempt))
			return
		}
		d.log.WarnContext(ctx, "delivery attempt failed", "id", n.ID, "attempt", attempt, "err", err)
		if attempt == d.opts.MaxAttempts {
			break
		}
		wait := d.opts.Backoff * time.Duration(1<<(attempt-1))
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			err = ctx.Err()
			break retry
		}
	}

	span.RecordError(err)
	span.SetStatus(codes.Error, "delivery failed")
	d.metrics.failed.WithLabelValues(n.Channel).Inc()
	d.log.ErrorContext(ctx, "notification dropped", "id", n.ID, "channel", n.Channel, "err", err)
}
