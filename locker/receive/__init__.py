"""Receiving files from a phone over the local network (LocalSend protocol v2), straight into the vault."""
