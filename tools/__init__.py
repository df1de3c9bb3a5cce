"""Tools the suite and its users share outside pytest: the mock's admin client, the browser choice and set-up."""
