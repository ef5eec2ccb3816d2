"""Fitting the aligner on gold alignments: the structured perceptron for the search weights and the
logistic confidence model, with leave-one-out estimates. ``bench/fit_aligner.py`` drives it on MAC-Dev."""
