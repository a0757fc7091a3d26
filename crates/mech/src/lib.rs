//! Mechanisms of Kos and Manea as data: VCG, VCG', tight transfers, budget-balanced constructions, multi-buyer VCG', closed forms
