"""The sandbox: a local emulation of Discord that the unmodified bot connects to, without a token
or a network. The test suite drives the bot through the same emulation."""
