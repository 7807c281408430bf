"""The ledger's surfaces: HTTP, GraphQL, integrations and the command line."""
