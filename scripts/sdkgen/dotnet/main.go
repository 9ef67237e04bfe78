// Command sdkgen-dotnet generates the .NET SDK from schema/schema.json with Pulumi's .NET code generator,
// which lives in github.com/pulumi/pulumi-dotnet (pulumi-language-dotnet/codegen) and is not served by the Go
// module proxy: scripts/sdkgen/generate-dotnet.sh points this module at a checkout of that repository.
//
// Usage: sdkgen-dotnet <schema.json> <sdk dir>
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	dotnet "github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3/codegen"

	"local/graph-connectors-sdkgen/bind"
)

// logo is the NuGet package icon: the .NET generator downloads pkg.LogoURL (GitHub by default, unreachable
// here), so the package's own 64x64 icon, drawn here, is served to it from a local server.
func logo() []byte {
	icon := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			icon.Set(x, y, color.RGBA{R: 0x00, G: 0x78, B: 0xd4, A: 0xff})
		}
	}
	var out bytes.Buffer
	if err := png.Encode(&out, icon); err != nil {
		panic(err)
	}
	return out.Bytes()
}

func run(schemaPath, outDir string) error {
	spec, err := bind.ReadSpec(schemaPath)
	if err != nil {
		return err
	}
	pkg, err := bind.Bind(spec)
	if err != nil {
		return err
	}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(logo()) }))
	defer server.Close()
	pkg.LogoURL = server.URL + "/logo.png"
	files, err := dotnet.GeneratePackage(bind.Tool, pkg, nil, nil)
	if err != nil {
		return err
	}
	root := filepath.Join(outDir, "dotnet")
	if err := bind.WriteFiles(root, files); err != nil {
		return err
	}
	fmt.Printf("dotnet: %d files in %s\n", len(files), root)
	return nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen-dotnet <schema.json> <sdk dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen-dotnet:", err)
		os.Exit(1)
	}
}
