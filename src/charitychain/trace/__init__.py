"""Where every unit went: project, donor and transaction traces built from the history."""
