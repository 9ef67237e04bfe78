// Microsoft Graph (Copilot) connectors as code: external connections with their schema, external groups and members, and Entra Application Proxy connectors.
package graphconnectors
