module local/graph-connectors-sdkgen-dotnet

go 1.25.11

require (
	github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3 v3.0.0
	local/graph-connectors-sdkgen v0.0.0
)

replace local/graph-connectors-sdkgen => ../

// The generate script adds: replace github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3 => <checkout>/pulumi-language-dotnet
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
