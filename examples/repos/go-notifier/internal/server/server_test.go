package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/fernhill/go-notifier/internal/notify"
)

type fakeQueue struct {
	ready bool
	err   error
	got   []notify.Notification
}

func (f *fakeQueue) Enqueue(n notify.Notification) error {
	if f.err != nil {
		return f.err
	}
	f.got = append(f.got, n)
	return nil
}

func (f *fakeQueue) Ready() bool { return f.ready }

func serve(t *testing.T, q *fakeQueue, method, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h := New(log, prometheus.NewRegistry(), q)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	return rec
}

func TestProbes(t *testing.T) {
	if rec := serve(t, &fakeQueue{ready: true}, http.MethodGet, "/healthz", ""); rec.Code != http.StatusOK {
		t.Errorf("/healthz = %d, want 200", rec.Code)
	}
	if rec := serve(t, &fakeQueue{ready: false}, http.MethodGet, "/readyz", ""); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("/readyz while draining = %d, want 503", rec.Code)
	}
	if rec := serve(t, &fakeQueue{ready: true}, http.MethodGet, "/metrics", ""); rec.Code != http.StatusOK {
		t.Errorf("/metrics = %d, want 200", rec.Code)
	}
}

func TestCreateNotification(t *testing.T) {
	q := &fakeQueue{ready: true}
	rec := serve(t, q, http.MethodPost, "/v1/notifications",
		`{"channel":"email","recipient":"ops@example.test","subject":"Disk","body":"92% used"}`)

	if rec.Code != http.StatusAccepted {
		t.Fatalf("status = %d, want 202; body %s", rec.Code, rec.Body)
	}
	if len(q.got) != 1 || q.got[0].Channel != "email" || q.got[0].ID == "" {
		t.Errorf("queued %+v", q.got)
	}
}

func TestCreateNotificationValidation(t *testing.T) {
	cases := map[string]string{
		"unknown channel": `{"channel":"fax","recipient":"x","body":"y"}`,
		"missing body":    `{"channel":"sms","recipient":"+441234"}`,
		"unknown field":   `{"channel":"sms","recipient":"+441234","body":"hi","priority":1}`,
		"not JSON":        `channel=sms`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			q := &fakeQueue{ready: true}
			if rec := serve(t, q, http.MethodPost, "/v1/notifications", body); rec.Code != http.StatusBadRequest {
				t.Errorf("status = %d, want 400", rec.Code)
			}
			if len(q.got) != 0 {
				t.Error("invalid request was queued")
			}
		})
	}
}

func TestQueueFullAsksCallerToRetry(t *testing.T) {
	q := &fakeQueue{ready: true, err: notify.ErrQueueFull}
	rec := serve(t, q, http.MethodPost, "/v1/notifications", `{"channel":"push","recipient":"dev-1","body":"hi"}`)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Errorf("status = %d, Retry-After = %q", rec.Code, rec.Header().Get("Retry-After"))
	}
}

func TestSecurityHeaders(t *testing.T) {
	rec := serve(t, &fakeQueue{ready: true}, http.MethodGet, "/healthz", "")
	for _, h := range []string{"X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy"} {
		if rec.Header().Get(h) == "" {
			t.Errorf("missing %s", h)
		}
	}
}
