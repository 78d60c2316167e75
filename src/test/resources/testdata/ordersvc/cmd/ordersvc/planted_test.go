package main

import (
	"runtime"
	"strconv"
	"testing"
)

func TestAttachmentIndexLeakyKeepsEveryUploadFixedTheNewestOrders(t *testing.T) {
	ct, body := attachmentBody(t, "file", 1, 256)
	for _, tc := range []struct {
		flags []string
		want  int
	}{{[]string{"-leaks", "attachment-index"}, 300}, {nil, 200}} {
		svc, srv := startService(t, tc.flags...)
		for i := range 300 { // one attachment to each of 300 new orders
			if got, b := send(t, "POST", srv.URL+"/api/v2/orders/"+strconv.Itoa(i+1)+"/attachments", ct, body); got != 201 {
				t.Fatalf("upload: %d %s", got, b)
			}
		}
		if got := svc.attachments.Indexed(); got != tc.want {
			t.Fatalf("%v: %d digests indexed after 300 uploads, want %d", tc.flags, got, tc.want)
		}
	}
}

func TestPollJournalLeakyKeepsEveryPollFixedOnlyTheWaitingOnes(t *testing.T) {
	for _, tc := range []struct {
		flags []string
		want  int
	}{{[]string{"-leaks", "poll-journal"}, 100}, {nil, 0}} {
		svc, srv := startService(t, tc.flags...)
		for range 100 {
			if got, _ := send(t, "GET", srv.URL+"/api/v2/changes?timeout_ms=1", "", ""); got != 204 {
				t.Fatalf("poll: %d", got)
			}
		}
		if got := svc.hub.Journaled(); got != tc.want {
			t.Fatalf("%v: %d polls journaled after 100 answered, want %d", tc.flags, got, tc.want)
		}
	}
}

func TestStatusAuditLeakyKeepsEveryChangeFixedTheNewest128(t *testing.T) {
	for _, tc := range []struct {
		flags []string
		want  int
	}{{[]string{"-leaks", "status-audit"}, 300}, {nil, 128}} {
		svc, srv := startService(t, tc.flags...)
		for i := range 300 { // unknown orders: 404, audited all the same
			send(t, "PUT", srv.URL+"/api/v2/orders/"+strconv.Itoa(5000+i)+"/status", "application/json", `{"status":"paid"}`)
		}
		send(t, "PUT", srv.URL+"/api/v2/orders/1/status", "application/json", `{"status":`) // malformed: not audited
		if got := svc.api.Audited(); got != tc.want {
			t.Fatalf("%v: %d audit records after 300 changes, want %d", tc.flags, got, tc.want)
		}
	}
}

func TestRequestJournalLeakyKeepsEveryRequestOnEveryRouteFixedTheNewest64(t *testing.T) {
	for _, tc := range []struct {
		flags []string
		want  int
	}{{[]string{"-leaks", "request-journal"}, 200}, {nil, 64}} {
		svc, srv := startService(t, tc.flags...)
		for i := range 200 {
			send(t, "GET", srv.URL+[]string{"/healthz", "/api/v2/orders/1", "/nowhere", "/api/v2/orders?limit=1"}[i%4], "", "")
		}
		if got := svc.journal.Len(); got != tc.want {
			t.Fatalf("%v: %d journal lines after 200 requests, want %d", tc.flags, got, tc.want)
		}
	}
}

// TestRetainedBytesPerRequest logs what each heap leak keeps per request
// of its endpoint through the whole service on a real listener, against
// the fixed build; the README has the numbers.
func TestRetainedBytesPerRequest(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: measures 4 x 2 x 3,000 requests")
	}
	const requests = 3000
	ct, attachment := attachmentBody(t, "file", 1, 256)
	for _, tc := range []struct {
		name     string
		leak     []string
		request  func(t *testing.T, base string, i int)
		min, max float64
	}{
		{"poll-journal 16", []string{"-leaks", "poll-journal", "-poll-journal-bytes", "16"}, func(t *testing.T, base string, _ int) {
			send(t, "GET", base+"/api/v2/changes?timeout_ms=1", "", "")
		}, 16 + 10, 16 + 100},
		{"attachment-index 16", []string{"-leaks", "attachment-index", "-attachment-index-bytes", "16"}, func(t *testing.T, base string, i int) {
			send(t, "POST", base+"/api/v2/orders/"+strconv.Itoa(i+1)+"/attachments", ct, attachment)
		}, 16 + 20, 16 + 150},
		{"status-audit 64", []string{"-leaks", "status-audit", "-status-audit-bytes", "64"}, func(t *testing.T, base string, i int) {
			send(t, "PUT", base+"/api/v2/orders/"+strconv.Itoa(i+1)+"/status", "application/json", `{"status":"paid"}`)
		}, 64, 64 + 80},
		{"request-journal 100", []string{"-leaks", "request-journal", "-journal-bytes", "100"}, func(t *testing.T, base string, _ int) {
			send(t, "GET", base+"/healthz", "", "")
		}, 100, 100 + 80},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var perRequest [2]float64
			for k, flags := range [][]string{tc.leak, nil} {
				svc, srv := startService(t, append(flags, "-rates-every", "1h")...)
				for i := range 500 {
					tc.request(t, srv.URL, 1_000_000+i)
				}
				before := heapAfterGC()
				for i := range requests {
					tc.request(t, srv.URL, i)
				}
				perRequest[k] = float64(heapAfterGC()-before) / requests
				runtime.KeepAlive(svc)
			}
			t.Logf("%s: leaky %.1f B per request, fixed %.1f B per request (%d requests)", tc.name, perRequest[0], perRequest[1], requests)
			if perRequest[0] < tc.min || perRequest[0] > tc.max || perRequest[1] > 24 {
				t.Fatalf("%s: leaky %.1f B/request (want %.0f to %.0f), fixed %.1f (want at most 24)",
					tc.name, perRequest[0], tc.min, tc.max, perRequest[1])
			}
		})
	}
}
