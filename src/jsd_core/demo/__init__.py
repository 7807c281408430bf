"""The demo: four Justice and Security Dialogues told from beginning to end.

Nepal (2007–2008), Saaba in Burkina Faso (2015–2016), a district of Dakar
(2016–2017) and a neighbourhood of Jos in Nigeria (2017–2019), loaded as real
command sequences through the Ledger by `load_demo` (`jsd demo`, and `jsd
serve` on start). One module per story; `script` is how they are written.
"""
