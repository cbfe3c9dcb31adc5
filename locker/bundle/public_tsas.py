"""Well-known public timestamp authorities the app offers. The network is used only when the user turns
timestamps on; then two independent ones are asked by default, so that one TSA's outage or compromise does not
leave a bundle without trusted time. Each TSA's root is in the curated trust store (tsa_trust.CURATED_ROOTS).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicTsa:
    name: str
    url: str
    operator: str  # who runs it: two defaults never share an operator
    root: str  # the CURATED_ROOTS name its chain ends in


PUBLIC_TSAS: tuple[PublicTsa, ...] = (
    PublicTsa("DigiCert", "http://timestamp.digicert.com", "DigiCert, Inc. (USA)", "DigiCert Trusted Root G4"),
    PublicTsa(
        "Sectigo",
        "http://timestamp.sectigo.com",
        "Sectigo Limited (UK)",
        "USERTrust RSA Certification Authority (Sectigo)",
    ),
    PublicTsa(
        "GlobalSign",
        "http://timestamp.globalsign.com/tsa/r6advanced1",
        "GlobalSign nv-sa (Belgium, Japan)",
        "GlobalSign Root CA - R6",
    ),
    PublicTsa("Certum", "http://time.certum.pl", "Asseco Data Systems S.A. (Poland)", "Certum Trusted Network CA"),
)

#: Asked when the user turns trusted timestamps on and has not chosen otherwise: two different operators.
DEFAULT_TSA_URLS: tuple[str, ...] = (PUBLIC_TSAS[0].url, PUBLIC_TSAS[1].url)
