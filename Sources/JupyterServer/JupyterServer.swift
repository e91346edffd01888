// The JupyterServer module.
