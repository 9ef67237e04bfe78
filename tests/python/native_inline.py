"""A Pulumi program using the generated Python SDK (pulumi_graph_connectors), run inline through Python's
Automation API: the CLI talks to the language server in this process, so no language host is needed.

Usage: native_inline.py <up|preview|destroy> <work dir>
The backend, credentials and Graph endpoint come from the environment (PULUMI_BACKEND_URL, AZURE_*,
MSGRAPH_*); the result of the step is printed as one JSON line.
"""
import json
import sys

import pulumi
from pulumi import automation as auto
import pulumi_graph_connectors as graph

USER = "a1b2c3d4-0000-4000-8000-000000000001"
WRITER = "a1b2c3d4-0000-4000-8000-000000000002"


def program():
    connection = graph.ExternalConnection(
        "kb",
        connection_id="pykb",
        name="Python KB",
        description="Declared in Python",
        schema=graph.SchemaArgs(properties=[
            graph.SchemaPropertyArgs(name="title", type="string", is_searchable=True, is_retrievable=True, labels=["title"]),
            graph.SchemaPropertyArgs(name="url", type="string", is_retrievable=True, labels=["url"]),
        ]),
    )
    group = graph.ExternalGroup(
        "readers",
        connection_id=connection.connection_id,
        group_id="readers",
        display_name="Readers",
        members=[graph.MemberArgs(id=USER, type="user")],
    )
    # A set's groups: a dict keyed by group id.
    acl = graph.ExternalGroupSet(
        "acl",
        connection_id=connection.connection_id,
        groups={"writers": graph.ExternalGroupSpecArgs(display_name="Writers", members=[graph.MemberArgs(id=WRITER, type="user")])},
    )
    pulumi.export("state", connection.state)
    pulumi.export("members", group.members)
    pulumi.export("groups", acl.groups)


def main(step: str, work_dir: str) -> None:
    stack = auto.create_or_select_stack(
        stack_name="py",
        project_name="graph-connectors-python",
        program=program,
        opts=auto.LocalWorkspaceOptions(
            work_dir=work_dir,
            secrets_provider="passphrase",
            project_settings=auto.ProjectSettings(name="graph-connectors-python", runtime="python"),
        ),
    )
    if step == "up":
        result = stack.up()
        print(json.dumps({"changes": result.summary.resource_changes, "state": result.outputs["state"].value,
                          "members": result.outputs["members"].value, "groups": result.outputs["groups"].value}))
    elif step == "preview":
        result = stack.preview(expect_no_changes=True)
        print(json.dumps({"changes": result.change_summary}))
    elif step == "destroy":
        result = stack.destroy()
        print(json.dumps({"changes": result.summary.resource_changes}))
    else:
        raise SystemExit(f"unknown step {step}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
