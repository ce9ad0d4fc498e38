"""The shared UI toolkit: the widgets, table views, models and styles that pages of
more than one feature use. Pages import from here, never from another feature's page
package; what only one feature uses stays in that feature's package."""
