package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"
)

var errNotFound = errors.New("not found")

type Item struct {
	SKU       string    `json:"sku"`
	Name      string    `json:"name"`
	Quantity  int       `json:"quantity"`
	UpdatedAt time.Time `json:"updatedAt"`
}

type itemStore interface {
	ListItems(ctx context.Context, limit int) ([]Item, error)
	GetItem(ctx context.Context, sku string) (Item, error)
	RecordAdjustment(ctx context.Context, sku string, delta int, reason string) error
}

type urlSigner interface {
	SignPut(key string, expires time.Duration) (string, error)
}

type handler struct {
	store  itemStore
	signer urlSigner
}

func newHandler(store itemStore, signer urlSigner) http.Handler {
	h := &handler{store: store, signer: signer}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", h.health)
	mux.HandleFunc("GET /items", h.listItems)
	mux.HandleFunc("GET /items/{sku}", h.getItem)
	mux.HandleFunc("POST /items/{sku}/adjustments", h.adjust)
	mux.HandleFunc("POST /items/{sku}/image-upload-url", h.imageUploadURL)
	return mux
}

func (h *handler) health(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (h *handler) listItems(w http.ResponseWriter, r *http.Request) {
	limit := 100
	if raw := r.URL.Query().Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 500 {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "limit must be 1-500"})
			return
		}
		limit = n
	}
	items, err := h.store.ListItems(r.Context(), limit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, items)
}

func (h *handler) getItem(w http.ResponseWriter, r *http.Request) {
	item, err := h.store.GetItem(r.Context(), r.PathValue("sku"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, item)
}

type adjustmentRequest struct {
	Delta  int    `json:"delta"`
	Reason string `json:"reason"`
}

func (h *handler) adjust(w http.ResponseWriter, r *http.Request) {
	var req adjustmentRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid JSON body"})
		return
	}
	if req.Delta == 0 || req.Reason == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "delta must be non-zero and reason is required"})
		return
	}
	if err := h.store.RecordAdjustment(r.Context(), r.PathValue("sku"), req.Delta, req.Reason); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"status": "queued"})
}

func (h *handler) imageUploadURL(w http.ResponseWriter, r *http.Request) {
	sku := r.PathValue("sku")
	if _, err := h.store.GetItem(r.Context(), sku); err != nil {
		h.fail(w, r, err)
		return
	}
	signed, err := h.signer.SignPut("items/"+sku+".jpg", 15*time.Minute)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"url": signed})
}

func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, errNotFound) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "item not found"})
		return
	}
	slog.ErrorContext(r.Context(), "request failed", "path", r.URL.Path, "err", err)
	writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
