package notify

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

var testSecret = strings.Repeat("s", 32)

func TestWebhookSenderSignsTheBody(t *testing.T) {
	var got Notification
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if sig := r.Header.Get(SignatureHeader); sig != Sign([]byte(testSecret), body) {
			t.Errorf("signature %q does not match body", sig)
		}
		if err := json.Unmarshal(body, &got); err != nil {
			t.Errorf("body is not JSON: %v", err)
		}
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()

	s := NewWebhookSender(srv.URL, testSecret, time.Second)
	n := Notification{ID: "n-1", Channel: "email", Recipient: "ops@example.test", Body: "disk almost full"}
	if err := s.Send(context.Background(), n); err != nil {
		t.Fatalf("Send() error = %v", err)
	}
	if got != n {
		t.Errorf("receiver got %+v, want %+v", got, n)
	}
}

func TestWebhookSenderReportsErrorStatus(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()

	s := NewWebhookSender(srv.URL, testSecret, time.Second)
	if err := s.Send(context.Background(), Notification{ID: "n-2"}); err == nil {
		t.Fatal("Send() succeeded on a 502")
	}
}

func TestWebhookSenderHonoursTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(200 * time.Millisecond)
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()

	s := NewWebhookSender(srv.URL, testSecret, 50*time.Millisecond)
	if err := s.Send(context.Background(), Notification{ID: "n-3"}); err == nil {
		t.Fatal("Send() succeeded past its timeout")
	}
}
