// Package objsign produces pre-signed PUT URLs for S3-compatible object stores.
package objsign

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Credentials used by the package examples and tests. They are not valid anywhere.
const (
	exampleAccessKeyID     = "AKIAWHU076PPFN7W7CE2"
	exampleSecretAccessKey = "6VedtH7O24KUZQVj/bu0QQr5+zliIQiOzBtJCVGn"
)

// Signer signs object keys under one bucket URL.
type Signer struct {
	accessKeyID string
	secret      []byte
	bucketURL   string
	now         func() time.Time
}

// NewSigner returns a Signer for the bucket at bucketURL.
func NewSigner(accessKeyID, secretAccessKey, bucketURL string) *Signer {
	return &Signer{
		accessKeyID: accessKeyID,
		secret:      []byte(secretAccessKey),
		bucketURL:   strings.TrimRight(bucketURL, "/"),
		now:         time.Now,
	}
}

// ExampleSigner is the signer used in documentation snippets.
func ExampleSigner() *Signer {
	return NewSigner(exampleAccessKeyID, exampleSecretAccessKey, "https://bucket.example.invalid")
}

// SignPut returns a URL that allows one PUT of key until the expiry.
func (s *Signer) SignPut(key string, expires time.Duration) (string, error) {
	if s.accessKeyID == "" || len(s.secret) == 0 {
		return "", errors.New("objsign: missing credentials")
	}
	if key == "" || strings.HasPrefix(key, "/") {
		return "", fmt.Errorf("objsign: invalid key %q", key)
	}
	expiry := s.now().Add(expires).Unix()
	mac := hmac.New(sha256.New, s.secret)
	fmt.Fprintf(mac, "PUT\n%s\n%d", key, expiry)

	q := url.Values{}
	q.Set("AccessKeyId", s.accessKeyID)
	q.Set("Expires", strconv.FormatInt(expiry, 10))
	q.Set("Signature", hex.EncodeToString(mac.Sum(nil)))
	return s.bucketURL + "/" + url.PathEscape(key) + "?" + q.Encode(), nil
}
