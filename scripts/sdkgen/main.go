// Command sdkgen generates the native provider's SDKs from schema/schema.json, the way providers'
// pulumi-gen-<name> commands do: with the codegen packages of github.com/pulumi/pulumi/pkg/v3, because
// `pulumi package gen-sdk` needs language plugins that cannot be installed here.
//
// Usage: sdkgen <schema.json> <sdk dir> <language>...   (languages: nodejs, python, go)
//
// The .NET generator lives in github.com/pulumi/pulumi-dotnet, which the Go module proxy does not serve:
// scripts/sdkgen/dotnet builds it from a checkout of that repository when one is at hand.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"

	"local/graph-connectors-sdkgen/bind"
)

func generate(spec schema.PackageSpec, language string) (map[string][]byte, error) {
	pkg, err := bind.Bind(spec)
	if err != nil {
		return nil, err
	}
	switch language {
	case "nodejs":
		return nodejs.GeneratePackage(bind.Tool, pkg, nil, nil, false, bind.NoReferences{})
	case "python":
		files, err := python.GeneratePackage(bind.Tool, pkg, nil, bind.NoReferences{})
		if err == nil {
			// pyproject.toml names README.md beside it; providers' builds copy the package README there.
			files["README.md"] = files["pulumi_graph_connectors/README.md"]
		}
		return files, err
	case "go":
		return gogen.GeneratePackage(bind.Tool, pkg, nil)
	default:
		return nil, fmt.Errorf("unknown language %q (nodejs, python, go)", language)
	}
}

func run(schemaPath, outDir string, languages []string) error {
	spec, err := bind.ReadSpec(schemaPath)
	if err != nil {
		return err
	}
	for _, language := range languages {
		files, err := generate(spec, language)
		if err != nil {
			return fmt.Errorf("%s: %w", language, err)
		}
		root := filepath.Join(outDir, language)
		if err := bind.WriteFiles(root, files); err != nil {
			return err
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
