package fleetsvc

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
)

// Client talks to a fleet service over NATS request/reply.
type Client struct {
	nc      *nats.Conn
	timeout time.Duration
}

// ErrNoService means nothing answered on the API subjects.
var ErrNoService = errors.New("no fleet service is answering")

// Dial connects to the NATS server at url. timeout bounds the connection
// and each request (default 5s).
func Dial(url string, timeout time.Duration) (*Client, error) {
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	nc, err := nats.Connect(url, nats.Name("nexus fleet client"), nats.Timeout(timeout))
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", url, err)
	}
	return &Client{nc: nc, timeout: timeout}, nil
}

// Close closes the connection.
func (c *Client) Close() { c.nc.Close() }

// call sends req to verb and decodes the reply's data into out. A refusal
// by the service wraps ErrRejected.
func (c *Client) call(verb string, req, out any) error {
	body := []byte("{}")
	if req != nil {
		var err error
		if body, err = json.Marshal(req); err != nil {
			return err
		}
	}
	m, err := c.nc.Request(apiPrefix+verb, body, c.timeout)
	if err != nil {
		if errors.Is(err, nats.ErrNoResponders) || errors.Is(err, nats.ErrTimeout) {
			return fmt.Errorf("%w on %s (%v); start one with 'nexus fleet serve'", ErrNoService, c.nc.ConnectedUrl(), err)
		}
		return err
	}
	return decodeReply(m.Data, out)
}

func decodeReply(data []byte, out any) error {
	var r struct {
		OK       bool            `json:"ok"`
		Error    string          `json:"error"`
		Rejected bool            `json:"rejected"`
		Data     json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("bad reply from the service: %w", err)
	}
	if !r.OK {
		if r.Rejected {
			return rejection(r.Error)
		}
		return errors.New(r.Error)
	}
	if out == nil || len(r.Data) == 0 {
		return nil
	}
	return json.Unmarshal(r.Data, out)
}

// Vessels lists the registered vessels.
func (c *Client) Vessels() (out []VesselInfo, err error) {
	return out, c.call(VerbVessels, nil, &out)
}

// Tasks lists the tasks, oldest submission first.
func (c *Client) Tasks() (out []TaskInfo, err error) { return out, c.call(VerbTasks, nil, &out) }

// Status returns the fleet snapshot.
func (c *Client) Status() (out Status, err error) { return out, c.call(VerbStatus, nil, &out) }

// Register registers a vessel.
func (c *Client) Register(req RegisterRequest) (out VesselInfo, err error) {
	return out, c.call(VerbRegister, req, &out)
}

// Submit submits a task; it is queued, and placed once the service takes
// it from the stream.
func (c *Client) Submit(req SubmitRequest) (out TaskInfo, err error) {
	return out, c.call(VerbSubmit, req, &out)
}

// Cancel, Start, Complete and Fail move a task.
func (c *Client) Cancel(id string) (TaskInfo, error)   { return c.taskVerb(VerbCancel, id) }
func (c *Client) Start(id string) (TaskInfo, error)    { return c.taskVerb(VerbStart, id) }
func (c *Client) Complete(id string) (TaskInfo, error) { return c.taskVerb(VerbComplete, id) }
func (c *Client) Fail(id string) (TaskInfo, error)     { return c.taskVerb(VerbFail, id) }

func (c *Client) taskVerb(verb, id string) (out TaskInfo, err error) {
	return out, c.call(verb, TaskRequest{ID: id}, &out)
}

// Trust returns a vessel's standing in the trust engine.
func (c *Client) Trust(vessel string) (out TrustInfo, err error) {
	return out, c.call(VerbTrust, VesselRequest{ID: vessel}, &out)
}

// Heartbeat sends one heartbeat for a vessel and waits for the service to
// acknowledge it; latency, if positive, is reported for the trust engine.
func (c *Client) Heartbeat(vessel string, latency time.Duration) (out VesselInfo, err error) {
	b, _ := json.Marshal(Heartbeat{LatencyMS: float64(latency) / float64(time.Millisecond)})
	m, err := c.nc.Request(HeartbeatPrefix+vessel, b, c.timeout)
	if err != nil {
		if errors.Is(err, nats.ErrNoResponders) || errors.Is(err, nats.ErrTimeout) {
			return out, fmt.Errorf("%w on %s (%v)", ErrNoService, c.nc.ConnectedUrl(), err)
		}
		return out, err
	}
	return out, decodeReply(m.Data, &out)
}
