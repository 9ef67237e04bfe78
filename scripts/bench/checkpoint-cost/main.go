// Command checkpoint-cost measures what one state write of Pulumi's file backend costs for a given stack
// state, and how much of it the ExternalGroup members are. Run it through scripts/bench/checkpoint-cost.sh.
//
// On a file or blob backend the engine saves the whole state after every step, one save at a time
// (pkg/backend/snapshot.go, defaultServiceLoop), so on a large stack the save's cost paces `pulumi up`. Each
// save here repeats what pkg/backend/diy does per mutation (state.go, saveStack and saveCheckpoint):
// serialize the snapshot (stack.SerializeDeployment), marshal it as compact JSON, back up the old file and
// write the new one through gocloud's fileblob bucket (which also hashes it for its .attrs file), and verify
// the snapshot's integrity. It does so for the state as written and, to price the members, for the same state
// with every member (inputs and outputs) written as an {id, type} object, as one "type:id" string, all of a
// group's joined into one string, and with no members at all.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pulumi/pulumi/pkg/v3/resource/stack"
	"github.com/pulumi/pulumi/pkg/v3/resource/stack/snapshot"
	"github.com/pulumi/pulumi/pkg/v3/secrets/b64"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"gocloud.dev/blob/fileblob"
)

// compactJSON marshals as the file backend does (pkg/backend/diy/state.go, compactJSONMarshaler).
type compactJSON struct{}

func (compactJSON) Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(buf.Bytes()), nil
}

func (compactJSON) Unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

// cost is the mean time of each part of one save.
type cost struct {
	bytes                             int
	serialize, marshal, write, verify time.Duration
}

func (c cost) total() time.Duration { return c.serialize + c.marshal + c.write + c.verify }

// largestCheckpoint resolves a state directory (e.g. a benchmark's) to its largest checkpoint file.
func largestCheckpoint(path string) (string, error) {
	info, err := os.Stat(path)
	if err != nil || !info.IsDir() {
		return path, err
	}
	var best string
	var bestSize int64 = -1
	err = filepath.WalkDir(path, func(file string, entry os.DirEntry, err error) error {
		if err != nil || entry.IsDir() || !strings.HasSuffix(file, ".checkpoint.json") {
			return err
		}
		if fi, err := entry.Info(); err == nil && fi.Size() > bestSize {
			best, bestSize = file, fi.Size()
		}
		return nil
	})
	if best == "" && err == nil {
		err = fmt.Errorf("no *.checkpoint.json under %s", path)
	}
	return best, err
}

// withMembers rewrites every resource's `members` property, in inputs and outputs, with `rewrite`
// (nil: drop it). Members are `{id, type}` objects, or "type:id" strings where the state already packs them.
func withMembers(deployment apitype.DeploymentV3, rewrite func([]any) any) apitype.DeploymentV3 {
	resources := make([]apitype.ResourceV3, len(deployment.Resources))
	for i, resource := range deployment.Resources {
		for _, bag := range []*map[string]any{&resource.Inputs, &resource.Outputs} {
			members, ok := (*bag)["members"].([]any)
			if !ok {
				continue
			}
			copied := make(map[string]any, len(*bag))
			for key, value := range *bag {
				copied[key] = value
			}
			if rewrite == nil {
				delete(copied, "members")
			} else {
				copied["members"] = rewrite(members)
			}
			*bag = copied
		}
		resources[i] = resource
	}
	deployment.Resources = resources
	return deployment
}

func memberObjects(members []any) any {
	out := make([]any, 0, len(members))
	for _, member := range members {
		text, isString := member.(string)
		if !isString {
			out = append(out, member)
			continue
		}
		typ, id, _ := strings.Cut(text, ":")
		out = append(out, map[string]any{"id": id, "type": typ})
	}
	return out
}

func memberStrings(members []any) any {
	out := make([]any, 0, len(members))
	for _, member := range members {
		fields, isObject := member.(map[string]any)
		if !isObject {
			out = append(out, member) // stored as a string already (a state written since members were packed)
			continue
		}
		out = append(out, fmt.Sprintf("%v:%v", fields["type"], fields["id"]))
	}
	return out
}

// memberText joins a group's members, as "type:id" strings, into one newline-separated string: what a
// further packed state form would save.
func memberText(members []any) any {
	lines := make([]string, 0, len(members))
	for _, member := range memberStrings(members).([]any) {
		lines = append(lines, fmt.Sprint(member))
	}
	return strings.Join(lines, "\n")
}

// measure saves the deployment `saves` times into a scratch bucket and returns the mean cost of each part.
func measure(ctx context.Context, deployment apitype.DeploymentV3, saves int) (cost, error) {
	// Secrets are not measured: a benchmark stack holds none, and base64 needs no passphrase.
	deployment.SecretsProviders = nil
	snap, err := stack.DeserializeDeploymentV3(ctx, deployment, b64.Base64SecretsProvider)
	if err != nil {
		return cost{}, err
	}
	dir, err := os.MkdirTemp("", "checkpoint-cost-")
	if err != nil {
		return cost{}, err
	}
	defer os.RemoveAll(dir)
	bucket, err := fileblob.OpenBucket(dir, &fileblob.Options{})
	if err != nil {
		return cost{}, err
	}
	defer bucket.Close()

	var c cost
	for i := 0; i < saves; i++ {
		started := time.Now()
		serialized, err := stack.SerializeDeployment(ctx, snap, false)
		if err != nil {
			return cost{}, err
		}
		checkpoint, err := stack.DeploymentV3ToCheckpointWithMarshaler(compactJSON{}, "organization/bench/bench", serialized, apitype.DeploymentSchemaVersionCurrent, nil)
		if err != nil {
			return cost{}, err
		}
		serializedAt := time.Now()
		data, err := compactJSON{}.Marshal(checkpoint)
		if err != nil {
			return cost{}, err
		}
		marshalledAt := time.Now()
		if i > 0 {
			// The backend keeps the previous file as .bak before it writes the new one.
			if err := bucket.Copy(ctx, "bench.json.bak", "bench.json", nil); err != nil {
				return cost{}, err
			}
		}
		if err := bucket.WriteAll(ctx, "bench.json", data, nil); err != nil {
			return cost{}, err
		}
		writtenAt := time.Now()
		if err := snapshot.VerifyIntegrity(serialized); err != nil {
			return cost{}, err
		}
		verifiedAt := time.Now()
		c.bytes = len(data)
		c.serialize += serializedAt.Sub(started)
		c.marshal += marshalledAt.Sub(serializedAt)
		c.write += writtenAt.Sub(marshalledAt)
		c.verify += verifiedAt.Sub(writtenAt)
	}
	n := time.Duration(saves)
	c.serialize, c.marshal, c.write, c.verify = c.serialize/n, c.marshal/n, c.write/n, c.verify/n
	return c, nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func main() {
	saves := flag.Int("saves", 20, "saves to average over")
	asWritten := flag.Bool("as-written", false, "price only the state as written (what `npm run bench` reports beside each run)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: checkpoint-cost [-saves N] [-as-written] <checkpoint.json | state directory>")
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	ctx := context.Background()
	file, err := largestCheckpoint(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	checkpoint, _, _, err := stack.UnmarshalVersionedCheckpointToLatestCheckpoint(compactJSON{}, raw)
	if err != nil || checkpoint.Latest == nil {
		fmt.Fprintf(os.Stderr, "%s: not a checkpoint with a deployment (%v)\n", file, err)
		os.Exit(1)
	}

	variants := []struct {
		name       string
		deployment apitype.DeploymentV3
	}{
		{"as written", *checkpoint.Latest},
		{"members as {id, type} objects", withMembers(*checkpoint.Latest, memberObjects)},
		{"members as \"type:id\" strings", withMembers(*checkpoint.Latest, memberStrings)},
		{"members joined into one string per group", withMembers(*checkpoint.Latest, memberText)},
		{"no members", withMembers(*checkpoint.Latest, nil)},
	}
	if *asWritten {
		variants = variants[:1]
	}
	members := 0
	for _, resource := range checkpoint.Latest.Resources {
		if list, ok := resource.Outputs["members"].([]any); ok {
			members += len(list)
		}
	}
	fmt.Printf("%s: %d resources, %d members in outputs; mean of %d saves\n\n", file, len(checkpoint.Latest.Resources), members, *saves)
	fmt.Println("| state | bytes | serialize | JSON | write (hash, backup) | verify | one save |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, variant := range variants {
		c, err := measure(ctx, variant.deployment, *saves)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", variant.name, err)
			os.Exit(1)
		}
		fmt.Printf("| %s | %d | %s | %s | %s | %s | %s |\n", variant.name, c.bytes, ms(c.serialize), ms(c.marshal), ms(c.write), ms(c.verify), ms(c.total()))
	}
}
