"""Pure computation: frames in, frames out. No matplotlib, glue or prose; imports only asian_nato.data."""
