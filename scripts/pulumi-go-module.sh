# Sourced by scripts that build Go code against Pulumi's own modules (setup-pulumi.sh builds the CLI,
# bench/checkpoint-cost.sh a measuring tool): one place for the release and the module file they share.
# The Pulumi release they build against (the CLI's): set here once so the tool measures the CLI it runs with.
PULUMI_VERSION="${PULUMI_VERSION:-v3.259.0}"
# pulumi_go_module <dir> <module name> writes <dir>/go.mod requiring pkg and sdk at $PULUMI_VERSION.
pulumi_go_module() {
  cat > "$1/go.mod" <<GOMOD
module $2

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 $PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 $PULUMI_VERSION
)

// Same replacement as pulumi's own pkg/go.mod.
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
}
