// Package gotest checks the generated Go SDK (sdk/go/graphconnectors) with Pulumi's mocks: it builds, its
// resources register under the package's type tokens with their inputs, and its outputs resolve.
package gotest

import (
	"sync"
	"testing"

	"github.com/pulumi-graph-connectors/pulumi-graph-connectors/sdk/go/graphconnectors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type mocks struct {
	mu         sync.Mutex
	registered map[string]resource.PropertyMap
}

func (m *mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.registered[args.TypeToken+"::"+args.Name] = args.Inputs
	outputs := args.Inputs.Copy()
	id := args.Name + "-id"
	if args.TypeToken == "graph-connectors:index:ExternalConnection" {
		outputs["state"] = resource.NewStringProperty("ready")
		id = args.Inputs["connectionId"].StringValue()
	}
	return id, outputs, nil
}

func (m *mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

func TestProgramWithMocks(t *testing.T) {
	m := &mocks{registered: map[string]resource.PropertyMap{}}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		connection, err := graphconnectors.NewExternalConnection(ctx, "kb", &graphconnectors.ExternalConnectionArgs{
			ConnectionId: pulumi.String("contosokb"),
			Name:         pulumi.String("Contoso KB"),
			Schema: &graphconnectors.SchemaArgs{
				Properties: graphconnectors.SchemaPropertyArray{
					&graphconnectors.SchemaPropertyArgs{
						Name: pulumi.String("title"), Type: pulumi.String("string"),
						IsSearchable: pulumi.Bool(true), Labels: pulumi.StringArray{pulumi.String("title")},
					},
				},
			},
		})
		if err != nil {
			return err
		}
		_, err = graphconnectors.NewExternalGroup(ctx, "readers", &graphconnectors.ExternalGroupArgs{
			ConnectionId: connection.ConnectionId,
			GroupId:      pulumi.String("readers"),
			Members: graphconnectors.MemberArray{
				&graphconnectors.MemberArgs{Id: pulumi.String("a1b2c3d4-0000-4000-8000-000000000001"), Type: pulumi.String("user")},
			},
		})
		if err != nil {
			return err
		}
		// A set's groups are a map keyed by groupId.
		_, err = graphconnectors.NewExternalGroupSet(ctx, "acl", &graphconnectors.ExternalGroupSetArgs{
			ConnectionId: connection.ConnectionId,
			Groups: graphconnectors.ExternalGroupSpecMap{
				"sales": &graphconnectors.ExternalGroupSpecArgs{
					DisplayName: pulumi.String("Sales"),
					Members: graphconnectors.MemberArray{
						&graphconnectors.MemberArgs{Id: pulumi.String("a1b2c3d4-0000-4000-8000-000000000002"), Type: pulumi.String("user")},
					},
				},
			},
		})
		if err != nil {
			return err
		}
		states := make(chan string, 1)
		connection.State.ApplyT(func(state string) string { states <- state; return state })
		if state := <-states; state != "ready" {
			t.Errorf("state = %q, want ready", state)
		}
		return nil
	}, pulumi.WithMocks("proj", "stack", m))
	if err != nil {
		t.Fatal(err)
	}
	connection := m.registered["graph-connectors:index:ExternalConnection::kb"]
	if connection["connectionId"].StringValue() != "contosokb" {
		t.Errorf("connection inputs: %v", connection)
	}
	schema := connection["schema"].ObjectValue()["properties"].ArrayValue()[0].ObjectValue()
	if !schema["isSearchable"].BoolValue() || schema["name"].StringValue() != "title" {
		t.Errorf("schema property on the wire: %v", schema)
	}
	group := m.registered["graph-connectors:index:ExternalGroup::readers"]
	if group["groupId"].StringValue() != "readers" || len(group["members"].ArrayValue()) != 1 {
		t.Errorf("group inputs: %v", group)
	}
	sales := m.registered["graph-connectors:index:ExternalGroupSet::acl"]["groups"].ObjectValue()["sales"].ObjectValue()
	if sales["displayName"].StringValue() != "Sales" || len(sales["members"].ArrayValue()) != 1 {
		t.Errorf("set inputs: %v", sales)
	}
}
