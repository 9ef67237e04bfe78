// Command sdkgen generates the native provider's SDKs from schema/schema.json, the way providers'
// pulumi-gen-<name> commands do: with the codegen packages of github.com/pulumi/pulumi/pkg/v3, because
// `pulumi package gen-sdk` needs language plugins that cannot be installed here.
//
// Usage: sdkgen <schema.json> <sdk dir> <language>...   (languages: nodejs, python, go)
//
// The .NET code generator lives in github.com/pulumi/pulumi-dotnet, which the Go module proxy does not
// serve, so no dotnet SDK is generated.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-gen-graph-connectors"

// noReferences is the loader for a schema that refers to no other package: any lookup is an error.
type noReferences struct{}

func (noReferences) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; it must be self-contained", pkg)
}

func (noReferences) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; it must be self-contained", d.Name)
}

func (noReferences) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema refers to package %q; it must be self-contained", pkg)
}

func (noReferences) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema refers to package %q; it must be self-contained", d.Name)
}

func generate(spec schema.PackageSpec, language string) (map[string][]byte, error) {
	// Bind afresh for every language: each generator records its own language info on the package.
	pkg, diags, err := schema.BindSpec(spec, noReferences{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, diags
	}
	switch language {
	case "nodejs":
		return nodejs.GeneratePackage(tool, pkg, nil, nil, false, noReferences{})
	case "python":
		files, err := python.GeneratePackage(tool, pkg, nil, noReferences{})
		if err == nil {
			// pyproject.toml names README.md beside it; providers' builds copy the package README there.
			files["README.md"] = files["pulumi_graph_connectors/README.md"]
		}
		return files, err
	case "go":
		return gogen.GeneratePackage(tool, pkg, nil)
	default:
		return nil, fmt.Errorf("unknown language %q (nodejs, python, go)", language)
	}
}

func run(schemaPath, outDir string, languages []string) error {
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	for _, language := range languages {
		files, err := generate(spec, language)
		if err != nil {
			return fmt.Errorf("%s: %w", language, err)
		}
		root := filepath.Join(outDir, language)
		if err := os.RemoveAll(root); err != nil {
			return err
		}
		for name, content := range files {
			path := filepath.Join(root, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, content, 0o644); err != nil {
				return err
			}
		}
		fmt.Printf("%s: %d files in %s\n", language, len(files), root)
	}
	return nil
}

func main() {
	if len(os.Args) < 4 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen <schema.json> <sdk dir> <language>...")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3:]); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}
