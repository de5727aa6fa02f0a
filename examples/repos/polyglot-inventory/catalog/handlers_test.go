package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

type fakeStore struct {
	items       map[string]Item
	adjustments []adjustmentRequest
}

func (f *fakeStore) ListItems(_ context.Context, limit int) ([]Item, error) {
	out := []Item{}
	for _, it := range f.items {
		if len(out) == limit {
			break
		}
		out = append(out, it)
	}
	return out, nil
}

func (f *fakeStore) GetItem(_ context.Context, sku string) (Item, error) {
	it, ok := f.items[sku]
	if !ok {
		return Item{}, errNotFound
	}
	return it, nil
}

func (f *fakeStore) RecordAdjustment(_ context.Context, sku string, delta int, reason string) error {
	if _, ok := f.items[sku]; !ok {
		return errNotFound
	}
	f.adjustments = append(f.adjustments, adjustmentRequest{Delta: delta, Reason: reason})
	return nil
}

type fakeSigner struct{}

func (fakeSigner) SignPut(key string, _ time.Duration) (string, error) {
	return "https://images.test/" + key + "?sig=abc", nil
}

func newTestHandler() (http.Handler, *fakeStore) {
	store := &fakeStore{items: map[string]Item{
		"SKU-100": {SKU: "SKU-100", Name: "Trail mug", Quantity: 12},
	}}
	return newHandler(store, fakeSigner{}), store
}

func TestHealthz(t *testing.T) {
	h, _ := newTestHandler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d, want 200", rec.Code)
	}
}

func TestGetItemNotFound(t *testing.T) {
	h, _ := newTestHandler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/items/SKU-404", nil))
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status = %d, want 404", rec.Code)
	}
}

func TestAdjustValidatesBody(t *testing.T) {
	h, store := newTestHandler()
	rec := httptest.NewRecorder()
	body := strings.NewReader(`{"delta":0,"reason":""}`)
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/items/SKU-100/adjustments", body))
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("status = %d, want 400", rec.Code)
	}
	if len(store.adjustments) != 0 {
		t.Fatalf("adjustment recorded for an invalid request")
	}
}
