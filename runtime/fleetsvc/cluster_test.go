package fleetsvc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// cluster starts three JetStream servers on loopback, routed to each other,
// and waits until JetStream can place a three-replica asset.
func cluster(t *testing.T) []*server.Server {
	t.Helper()
	// Route ports are chosen first so every server can name all three
	// routes from the start; a clustered JetStream server is not ready
	// until it sees its peers.
	var ports []int
	for range 3 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
		_ = l.Close()
	}
	var routes []string
	for _, p := range ports {
		routes = append(routes, fmt.Sprintf("nats://127.0.0.1:%d", p))
	}
	var servers []*server.Server
	for i := range 3 {
		o := &server.Options{
			ServerName: fmt.Sprintf("n%d", i+1), Host: "127.0.0.1", Port: server.RANDOM_PORT,
			JetStream: true, StoreDir: t.TempDir(), NoSigs: true, NoLog: true,
			Cluster: server.ClusterOpts{Name: "nexus", Host: "127.0.0.1", Port: ports[i]},
			Routes:  server.RoutesFromStr(strings.Join(routes, ",")),
		}
		ns, err := server.NewServer(o)
		if err != nil {
			t.Fatal(err)
		}
		ns.Start()
		t.Cleanup(func() { ns.Shutdown(); ns.WaitForShutdown() })
		servers = append(servers, ns)
	}
	for i, ns := range servers {
		if !ns.ReadyForConnections(20 * time.Second) {
			t.Fatalf("server n%d did not start", i+1)
		}
	}
	nc, err := nats.Connect(servers[0].ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		_, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: "probe", Replicas: 3})
		cancel()
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("cluster never formed: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return servers
}

// TestClusterServerLoss runs the service on a three-server cluster with
// three replicas, kills the server leading the task stream (or, if the
// service is connected to that one, another) half-way through a stream of
// tasks that simulated vessels complete, and checks that every task is
// completed, and each exactly once: assigned once, completed once, its
// record COMPLETED after one attempt, and the work queue empty.
func TestClusterServerLoss(t *testing.T) {
	if testing.Short() {
		t.Skip("cluster test")
	}
	servers := cluster(t)
	s, c := start(t, Options{NATS: servers[0].ClientURL(), Replicas: 3, HeartbeatTimeout: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	for i := range 4 {
		mustRegister(t, c, fmt.Sprintf("v%d", i), nil, 1000)
	}
	// Simulated vessels: complete each assignment, retrying through the
	// failover; count assignments and completions per task.
	var mu sync.Mutex
	assigned, completed := map[string]int{}, map[string]int{}
	vnc, err := nats.Connect(servers[0].ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer vnc.Close()
	var wg sync.WaitGroup
	sub, err := vnc.Subscribe(AssignPrefix+"*", func(m *nats.Msg) {
		var ti TaskInfo
		if json.Unmarshal(m.Data, &ti) != nil {
			return
		}
		mu.Lock()
		assigned[ti.ID]++
		mu.Unlock()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				_, err := c.Complete(ti.ID)
				if err == nil {
					mu.Lock()
					completed[ti.ID]++
					mu.Unlock()
					return
				}
				if errors.Is(err, ErrRejected) && strings.Contains(err.Error(), "COMPLETED") {
					return // an earlier attempt went through; its reply was lost
				}
				time.Sleep(50 * time.Millisecond)
			}
		}()
	})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = sub.Unsubscribe() }()
	_ = vnc.Flush()

	submit := func(id string) {
		for ctx.Err() == nil {
			_, err := c.Submit(SubmitRequest{ID: id, Weight: 1})
			if err == nil || errors.Is(err, ErrRejected) && strings.Contains(err.Error(), "already exists") {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Errorf("submit %s: gave up", id)
	}
	const n = 60
	for i := range n / 2 {
		submit(fmt.Sprintf("t%02d", i))
	}

	// Kill the task stream's leader unless the service is connected to it.
	info, err := streamInfo(s)
	if err != nil {
		t.Fatal(err)
	}
	victim := info.Cluster.Leader
	if victim == s.nc.ConnectedServerName() || victim == "" {
		victim = "n2"
		if s.nc.ConnectedServerName() == "n2" {
			victim = "n3"
		}
	}
	for _, ns := range servers {
		if ns.Name() == victim {
			t.Logf("killing %s (stream leader %s, service on %s)", victim, info.Cluster.Leader, s.nc.ConnectedServerName())
			ns.Shutdown()
		}
	}
	for i := n / 2; i < n; i++ {
		submit(fmt.Sprintf("t%02d", i))
	}

	eventually := func(what string, cond func() bool) {
		for !cond() {
			if ctx.Err() != nil {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	eventually("all tasks completed", func() bool {
		st, err := c.Status()
		return err == nil && st.Tasks["COMPLETED"] == n
	})
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	for i := range n {
		id := fmt.Sprintf("t%02d", i)
		if assigned[id] != 1 || completed[id] > 1 {
			t.Errorf("task %s: assigned %d times, completed %d times; want once", id, assigned[id], completed[id])
		}
	}
	eventually("records all COMPLETED", func() bool {
		for i := range n {
			e, err := s.kv.Get(ctx, fmt.Sprintf("task.t%02d", i))
			if err != nil {
				return false
			}
			var ti TaskInfo
			if json.Unmarshal(e.Value(), &ti) != nil || ti.State != "COMPLETED" || ti.Attempts != 1 {
				return false
			}
		}
		return true
	})
	eventually("work queue drained", func() bool {
		info, err := streamInfo(s)
		return err == nil && info.State.Msgs == 0
	})
}
