"""Project package for the reports site."""
