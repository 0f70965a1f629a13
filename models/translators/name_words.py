"""Words that make a capitalised run descriptive rather than a name, per language.

Two kinds, both hand-listed (no tagger tells them apart reliably):
- titles before a person ("President Donald Trump"): a name run never grows over them, so the
  title is translated ("presidente Donald Trump") and the person kept;
- generic heads of institutions and the like ("Swedish Academy", "Ministerio de Sanidad",
  "Nobel Prize"): a run that holds one is a description that translators and
  reference translations render in the target language, so it is not protected. Brands and
  proper names ("Fox News", "One World Labs", "Big Ben") have no such word and are kept.
"""

from __future__ import annotations

TITLES = {
    "en": "president vice prime minister secretary mayor governor senator sen judge justice "
    "chancellor king queen prince princess pope general gen captain colonel sergeant "
    "chief ceo director professor prof dr mr mrs ms sir lord lady archbishop bishop "
    "cardinal rev reverend chairman chairwoman chair spokesman spokeswoman commissioner "
    "ambassador rep gov lt sgt cpt officer inspector detective coach manager "
    "administrator deputy actress actor singer star",
    "fr": "président présidente ministre maire premier première secrétaire gouverneur sénateur "
    "juge roi reine prince princesse pape général capitaine colonel directeur directrice "
    "professeur docteur m mme mgr monsieur madame ambassadeur commissaire porte-parole",
    "es": "presidente presidenta ministro ministra alcalde alcaldesa secretario secretaria "
    "gobernador gobernadora senador senadora juez jueza rey reina príncipe princesa papa "
    "general capitán coronel director directora profesor profesora don doña señor señora "
    "embajador embajadora portavoz comisario comisaria",
    "it": "presidente ministro ministra sindaco segretario governatore senatore giudice re "
    "regina principe papa generale capitano colonnello direttore professore signor "
    "signora ambasciatore portavoce commissario",
    "pt": "presidente ministro ministra prefeito autarca secretário governador senador juiz rei "
    "rainha príncipe papa general capitão coronel diretor professor senhor senhora "
    "embaixador porta-voz comissário",
    "ca": "president presidenta ministre alcalde alcaldessa batlle secretari governador senador "
    "jutge rei reina príncep papa general capità coronel director professor senyor "
    "senyora ambaixador portaveu comissari conseller consellera",
    "gl": "presidente presidenta ministro ministra alcalde alcaldesa secretario gobernador "
    "senador xuíz rei raíña príncipe papa xeneral capitán coronel director profesor don "
    "dona embaixador voceiro conselleiro conselleira",
    "ro": "președintele președinte ministrul ministru primarul primar premierul judecătorul "
    "regele regina papa generalul directorul profesorul domnul doamna",
    "de": "präsident präsidentin minister ministerin bürgermeister bürgermeisterin kanzler "
    "kanzlerin richter könig königin papst general direktor professor herr frau "
    "botschafter",
}
HEADS = {
    "en": "university association committee commission council ministry department academy "
    "agency institute party court parliament assembly union organisation organization "
    "federation society foundation bank police army navy revolution prize award awards "
    "government office service board authority school college hospital museum church "
    "senate congress war treaty accords games olympics championship cup league federal "
    "national international royal central supreme best group executive theatre theater "
    "hurricane storm typhoon cyclone square act bill ocean sea river lake mountains corps "
    "street road avenue bridge airport station stadium cathedral palace hall centre "
    "center state states kingdom republic empire province county district",
    "fr": "université association comité commission conseil ministère département académie "
    "agence institut parti cour tribunal parlement assemblée union organisation "
    "fédération société fondation banque police armée révolution prix gouvernement office "
    "service autorité école hôpital musée église sénat guerre traité jeux coupe ligue "
    "national nationale international internationale loi accords accord groupe corps "
    "district république théâtre océan mer place rue avenue pont aéroport gare stade "
    "cathédrale palais royaume empire province état états meilleur meilleure",
    "es": "universidad asociación comité comisión consejo ministerio departamento academia "
    "agencia instituto partido tribunal parlamento asamblea unión organización federación "
    "sociedad fundación banco policía ejército revolución premio gobierno oficina "
    "servicio autoridad escuela hospital museo iglesia senado congreso ayuntamiento junta "
    "guerra tratado juegos copa liga nacional internacional generalitat ley acuerdos "
    "acuerdo grupo cuerpo distrito república teatro océano mar plaza calle avenida puente "
    "aeropuerto estación estadio catedral palacio reino imperio provincia estado estados "
    "mejor",
    "it": "università associazione comitato commissione consiglio ministero dipartimento "
    "accademia agenzia istituto partito tribunale corte parlamento assemblea unione "
    "organizzazione federazione società fondazione banca polizia esercito rivoluzione "
    "premio governo ufficio servizio autorità scuola ospedale museo chiesa senato camera "
    "guerra trattato giochi coppa lega nazionale internazionale comune regione legge "
    "accordi accordo gruppo corpo distretto repubblica teatro oceano mare piazza via "
    "ponte aeroporto stazione stadio cattedrale palazzo regno impero provincia stato "
    "stati migliore",
    "pt": "universidade associação comité comitê comissão conselho ministério departamento "
    "academia agência instituto partido tribunal parlamento assembleia união organização "
    "federação sociedade fundação banco polícia exército revolução prémio prêmio governo "
    "escritório serviço autoridade escola hospital museu igreja senado congresso câmara "
    "guerra tratado jogos taça copa liga nacional internacional lei acordos acordo grupo "
    "corpo distrito república teatro oceano mar praça rua avenida ponte aeroporto estação "
    "estádio catedral palácio reino império província estado estados melhor",
    "ca": "universitat associació comitè comissió consell ministeri departament acadèmia "
    "agència institut partit tribunal parlament assemblea unió organització federació "
    "societat fundació banc policia exèrcit revolució premi govern oficina servei "
    "autoritat escola hospital museu església senat congrés ajuntament generalitat guerra "
    "tractat jocs copa lliga nacional internacional llei acords acord grup cos districte "
    "república teatre oceà mar plaça carrer avinguda pont aeroport estació estadi "
    "catedral palau regne imperi província estat estats millor",
    "gl": "universidade asociación comité comisión consello ministerio departamento academia "
    "axencia instituto partido tribunal parlamento asemblea unión organización federación "
    "sociedade fundación banco policía exército revolución premio goberno oficina servizo "
    "autoridade escola hospital museo igrexa senado congreso concello xunta guerra "
    "tratado xogos copa liga nacional internacional lei acordos acordo grupo corpo "
    "distrito república teatro océano mar praza rúa avenida ponte aeroporto estación "
    "estadio catedral pazo reino imperio provincia estado estados mellor",
    "ro": "universitatea asociația comitetul comisia consiliul ministerul departamentul "
    "academia agenția institutul partidul tribunalul curtea parlamentul guvernul banca "
    "poliția armata premiul senatul camera",
    "de": "universität verband komitee kommission rat ministerium abteilung akademie agentur "
    "institut partei gericht parlament versammlung union organisation bund gesellschaft "
    "stiftung bank polizei armee revolution preis regierung amt dienst behörde schule "
    "krankenhaus museum kirche senat kongress krieg vertrag spiele pokal liga",
}

_TITLES = {lang: frozenset(words.split()) for lang, words in TITLES.items()}
_HEADS = {lang: frozenset(words.split()) for lang, words in HEADS.items()}


def is_title(word: str, language: str) -> bool:
    return word.lower().rstrip(".") in _TITLES.get(language, _TITLES["en"])


def descriptive(words: list[str], language: str) -> bool:
    """Whether a run of words holds a generic head ("Swedish Academy", "Bank of England")."""
    heads = _HEADS.get(language, _HEADS["en"])
    return any(w.lower() in heads for w in words)
