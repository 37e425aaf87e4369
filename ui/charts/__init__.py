"""Charts (pyqtgraph): the only package that imports pyqtgraph, loaded when Insights is first shown."""
