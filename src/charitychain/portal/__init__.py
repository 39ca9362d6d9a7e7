"""The read-only transparency portal: `charitychain serve` (pages, a JSON API, OpenAPI)."""
