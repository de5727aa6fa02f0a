"""HTTP blueprints for the orders API."""
