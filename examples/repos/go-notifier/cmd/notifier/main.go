// Command notifier accepts notifications over HTTP and delivers them to the webhook gateway.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/fernhill/go-notifier/internal/config"
	"github.com/fernhill/go-notifier/internal/notify"
	"github.com/fernhill/go-notifier/internal/server"
	"github.com/fernhill/go-notifier/internal/telemetry"
)

func main() {
	healthcheck := flag.Bool("healthcheck", false, "probe the local /healthz endpoint and exit (for HEALTHCHECK)")
	flag.Parse()

	if *healthcheck {
		os.Exit(probe())
	}
	if err := run(); err != nil {
		slog.Error("notifier stopped", "err", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.Load()
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}

	logger := telemetry.NewLogger(os.Stdout, cfg.LogLevel)
	slog.SetDefault(logger)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	shutdownTracing, err := telemetry.SetupTracing(ctx, cfg.OTLPEndpoint, cfg.ServiceName)
	if err != nil {
		return fmt.Errorf("tracing: %w", err)
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)

	dispatcher := notify.NewDispatcher(
		notify.NewWebhookSender(cfg.WebhookURL, cfg.WebhookSecret, cfg.DeliveryTimeout),
		notify.NewMetrics(reg),
		logger,
		notify.Options{
			QueueSize:   cfg.QueueSize,
			Workers:     cfg.Workers,
			MaxAttempts: cfg.MaxAttempts,
			Backoff:     500 * time.Millisecond,
		},
	)
	// Deliveries keep running through shutdown so the queue can drain.
	dispatcher.Start(context.Background())

	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           server.New(logger, reg, dispatcher),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
	}

	serveErr := make(chan error, 1)
	go func() {
		logger.Info("notifier listening", "addr", cfg.Addr)
		serveErr <- srv.ListenAndServe()
	}()

	select {
	case err := <-serveErr:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		logger.Info("shutting down")
	}

	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		logger.Error("http shutdown", "err", err)
	}
	dispatcher.Stop()
	return shutdownTracing(shutdownCtx)
}

// probe is used by the container HEALTHCHECK; the distroless image has no shell or curl.
func probe() int {
	addr := os.Getenv("NOTIFIER_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	if strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1" + addr
	}
	client := http.Client{Timeout: 2 * time.Second}
	resp, err := client.Get("http://" + addr + "/healthz")
	if err != nil {
		return 1
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 1
	}
	return 0
}
